import { describe, expect, it } from 'vitest';
import { CrashGuard } from '../../src/engine/crash-guard';
import { RequestScheduler } from '../../src/engine/request-scheduler';

/** A task the test finishes by hand, recording when it started. */
function gate(log: string[], name: string) {
  let open: (value: string) => void = () => undefined;
  let fail: (err: Error) => void = () => undefined;
  const done = new Promise<string>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  const task = () => {
    log.push(`start ${name}`);
    return done.then((value) => {
      log.push(`end ${name}`);
      return value;
    });
  };
  return { task, finish: () => open(name), fail: (message: string) => fail(new Error(message)) };
}

/** Lets every queued promise callback run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the request scheduler', () => {
  it('runs shared requests together, and an exclusive one only after all of them', async () => {
    const log: string[] = [];
    const scheduler = new RequestScheduler();
    const [a, b, write, c] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'write'), gate(log, 'c')];
    const results = [scheduler.shared(a.task), scheduler.shared(b.task), scheduler.exclusive(write.task), scheduler.shared(c.task)];
    await flush();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    await flush();
    expect(log).toEqual(['start a', 'start b', 'end b']);
    a.finish();
    await flush();
    expect(log).toEqual(['start a', 'start b', 'end b', 'end a', 'start write']);
    write.finish();
    await flush();
    expect(log.slice(-2)).toEqual(['end write', 'start c']);
    c.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'write', 'c']);
  });

  it('runs exclusive requests one after another, in the order they came', async () => {
    const log: string[] = [];
    const scheduler = new RequestScheduler();
    const [first, second] = [gate(log, 'first'), gate(log, 'second')];
    const done = [scheduler.exclusive(first.task), scheduler.exclusive(second.task)];
    await flush();
    expect(log).toEqual(['start first']);
    first.finish();
    second.finish();
    await Promise.all(done);
    expect(log).toEqual(['start first', 'end first', 'start second', 'end second']);
  });

  it('goes on after a failed request, which rejects only its own caller', async () => {
    const log: string[] = [];
    const scheduler = new RequestScheduler();
    const [bad, next, shared] = [gate(log, 'bad'), gate(log, 'next'), gate(log, 'shared')];
    const failed = scheduler.exclusive(bad.task);
    const after = scheduler.exclusive(next.task);
    const alongside = scheduler.shared(shared.task);
    bad.fail('no such table');
    await expect(failed).rejects.toThrow('no such table');
    next.finish();
    shared.finish();
    expect(await Promise.all([after, alongside])).toEqual(['next', 'shared']);
  });
});

describe('the crash guard', () => {
  it('rejects requests in flight and every later one with the reason, once the worker died', async () => {
    const guard = new CrashGuard();
    const never = guard.run(() => new Promise<string>(() => undefined));
    expect(await guard.run(async () => 'fine')).toBe('fine');
    expect(guard.fail(new Error('The analysis engine stopped unexpectedly (out of memory).'))).toBe(true);
    await expect(never).rejects.toThrow('stopped unexpectedly');
    await expect(guard.run(async () => 'late')).rejects.toThrow('stopped unexpectedly');
    expect(guard.fail(new Error('again'))).toBe(false);
  });
});
