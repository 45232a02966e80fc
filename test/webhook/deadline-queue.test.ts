import { describe, expect, test } from "bun:test";
import { createDeadlineQueue } from "../../src/webhook/deadline-queue";

describe("deadline queue", () => {
  test("expires entries in order", async () => {
    const queue = createDeadlineQueue();
    const expired: string[] = [];
    const start = performance.now();
    queue.add(start + 30, () => expired.push("first"));
    queue.add(start + 60, () => expired.push("second"));

    await Bun.sleep(45);
    expect(expired).toEqual(["first"]);
    await Bun.sleep(40);
    expect(expired).toEqual(["first", "second"]);
  });

  test("cancelled entry never expires", async () => {
    const queue = createDeadlineQueue();
    const expired: string[] = [];
    const start = performance.now();
    const cancel = queue.add(start + 20, () => expired.push("cancelled"));
    queue.add(start + 40, () => expired.push("kept"));
    cancel();

    await Bun.sleep(70);
    expect(expired).toEqual(["kept"]);
  });

  test("late entry expires on time", async () => {
    const queue = createDeadlineQueue();
    const expired: string[] = [];
    const start = performance.now();
    queue.add(start + 500, () => expired.push("late deadline"));
    queue.add(start + 20, () => expired.push("early deadline"));

    await Bun.sleep(60);
    expect(expired).toEqual(["early deadline"]);
  });

  test("passed deadline expires at once", async () => {
    const queue = createDeadlineQueue();
    let expired = false;
    queue.add(performance.now() - 5, () => (expired = true));

    await Bun.sleep(5);
    expect(expired).toBe(true);
  });

  test("settled entries never block others", async () => {
    const queue = createDeadlineQueue();
    const expired: number[] = [];
    const start = performance.now();
    queue.add(start + 40, () => expired.push(-1));
    for (let index = 0; index < 5000; index++) queue.add(start + 50 + index / 1000, () => expired.push(index))();
    queue.add(start + 60, () => expired.push(5000));

    await Bun.sleep(90);
    expect(expired).toEqual([-1, 5000]);
  });
});
