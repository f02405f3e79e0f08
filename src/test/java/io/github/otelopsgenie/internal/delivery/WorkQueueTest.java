/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.json.RequestBodiesTest;
import org.junit.jupiter.api.Test;

/** The worker's queue: alerts take their own room, closes keep theirs, wake-ups are no items. */
class WorkQueueTest {

  private static WorkItem alert() {
    OpsgenieAlert alert = RequestBodiesTest.fullAlert();
    return new AlertItem(alert.getAlias(), () -> alert);
  }

  @Test
  void alertsFillTheirRoomAndClosesStillFit() {
    WorkQueue queue = new WorkQueue(2);
    assertThat(queue.offer(alert())).isTrue();
    assertThat(queue.offer(alert())).isTrue();
    assertThat(queue.offer(alert())).as("alert room full").isFalse();
    for (int i = 0; i < WorkQueue.closeRoom(2); i++) {
      assertThat(queue.offer(new CloseItem("a" + i, "recovered", null))).isTrue();
    }
    assertThat(queue.offer(new CloseItem("late", "recovered", null))).as("all room").isFalse();
    assertThat(queue.size()).isEqualTo(2 + WorkQueue.closeRoom(2));
  }

  @Test
  void takingAnAlertGivesItsRoomBack() throws InterruptedException {
    WorkQueue queue = new WorkQueue(1);
    assertThat(queue.offer(alert())).isTrue();
    assertThat(queue.offer(alert())).isFalse();
    assertThat(queue.poll(1_000_000)).isNotNull();
    assertThat(queue.offer(alert())).isTrue();
  }

  @Test
  void aWakeUpIsTakenAsNull() {
    WorkQueue queue = new WorkQueue(4);
    queue.wake();
    WorkItem close = new CloseItem("a", "recovered", null);
    queue.offer(close);
    assertThat(queue.isEmpty()).isFalse();
    assertThat(queue.poll()).isNull();
    assertThat(queue.poll()).isSameAs(close);
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.poll()).isNull();
  }
}
