package com.example.opsgenie.grpc;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;

/**
 * A gRPC server with one method, {@code shop.Orders/Place}, that fails on demand: an order {@code
 * fail:UNAVAILABLE} (any gRPC status name) answers with that status, {@code throw} makes the
 * handler throw, anything else is placed. {@code --port=0} picks a free port; it prints {@code
 * EXAMPLE-READY port=N} once it serves.
 */
public final class GrpcServiceApp {

  private GrpcServiceApp() {}

  public static void main(String[] args) throws Exception {
    int port = 0;
    for (String arg : args) {
      if (arg.startsWith("--port=")) {
        port = Integer.parseInt(arg.substring("--port=".length()));
      }
    }
    ServerServiceDefinition orders =
        ServerServiceDefinition.builder(Orders.SERVICE)
            .addMethod(
                Orders.PLACE,
                ServerCalls.asyncUnaryCall(
                    (order, response) -> {
                      if (order.equals("throw")) {
                        throw new IllegalStateException("order store unreachable");
                      }
                      if (order.startsWith("fail:")) {
                        Status.Code code = Status.Code.valueOf(order.substring("fail:".length()));
                        response.onError(
                            Status.fromCode(code)
                                .withDescription("failing on demand")
                                .asRuntimeException());
                        return;
                      }
                      response.onNext("placed " + order);
                      response.onCompleted();
                    }))
            .build();
    Server server =
        Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create())
            .addService(orders)
            .build()
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    System.out.println("EXAMPLE-READY port=" + server.getPort());
    server.awaitTermination();
  }
}
