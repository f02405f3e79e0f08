package com.example.opsgenie.grpc;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@code shop.Orders/Place} once per order and prints one line per answer: {@code GrpcCall
 * 127.0.0.1:50051 ok fail:UNAVAILABLE throw}.
 */
public final class GrpcCall {

  private GrpcCall() {}

  public static void main(String[] args) throws InterruptedException {
    ManagedChannel channel =
        Grpc.newChannelBuilder(args[0], InsecureChannelCredentials.create()).build();
    try {
      for (int i = 1; i < args.length; i++) {
        try {
          String answer =
              ClientCalls.blockingUnaryCall(
                  channel,
                  Orders.PLACE,
                  CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                  args[i]);
          System.out.println("CALL " + args[i] + " -> OK " + answer);
        } catch (StatusRuntimeException e) {
          System.out.println("CALL " + args[i] + " -> " + e.getStatus().getCode());
        }
      }
    } finally {
      channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
