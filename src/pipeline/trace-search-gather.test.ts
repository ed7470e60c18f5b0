import { describe, expect, it } from 'vitest';
import { searchGather } from './trace-search-gather.js';

/** A search that answers each record with itself, noting the records of every call. */
function recorder(): {
  calls: string[][];
  run: (records: readonly string[]) => Promise<string[][]>;
} {
  const calls: string[][] = [];
  return {
    calls,
    run: (records) => {
      calls.push([...records]);
      return Promise.resolve(records.map((r) => [`found ${r}`]));
    },
  };
}

describe('searchGather', () => {
  it('searches every chunk on its own when it gathers nothing', async () => {
    const { calls, run } = recorder();
    const gather = searchGather(run, 0);
    const a = gather.enter().search(['a1', 'a2']);
    const b = gather.enter().search(['b1']);
    expect(await a).toEqual([['found a1'], ['found a2']]);
    expect(await b).toEqual([['found b1']]);
    expect(calls).toEqual([['a1', 'a2'], ['b1']]);
  });

  it('gathers chunks until the records reach the threshold, and answers each its own', async () => {
    const { calls, run } = recorder();
    const gather = searchGather(run, 4);
    const a = gather.enter().search(['a1', 'a2']);
    const b = gather.enter().search(['b1']);
    expect(calls).toEqual([]);
    const c = gather.enter().search(['c1', 'c2']);
    expect(calls).toEqual([['a1', 'a2', 'b1', 'c1', 'c2']]);
    expect(await a).toEqual([['found a1'], ['found a2']]);
    expect(await b).toEqual([['found b1']]);
    expect(await c).toEqual([['found c1'], ['found c2']]);
  });

  it('starts the oldest unanswered chunk when flushed, at once or when it gives its records', async () => {
    const { calls, run } = recorder();
    const gather = searchGather(run, 100);
    const first = gather.enter();
    const second = gather.enter();
    const b = second.search(['b1']);
    gather.flush();
    // The oldest is the first: nothing starts until it gives its records, then both go.
    expect(calls).toEqual([]);
    const a = first.search(['a1']);
    expect(calls).toEqual([['b1', 'a1']]);
    expect(await a).toEqual([['found a1']]);
    expect(await b).toEqual([['found b1']]);
    const c = gather.enter().search(['c1']);
    expect(calls).toHaveLength(1);
    gather.flush();
    expect(calls).toEqual([['b1', 'a1'], ['c1']]);
    expect(await c).toEqual([['found c1']]);
  });

  it('does not start gathered chunks when the oldest is already in a search', async () => {
    const calls: string[][] = [];
    const release: (() => void)[] = [];
    const gather = searchGather<string, string>((records) => {
      calls.push([...records]);
      return new Promise((resolve) => {
        release.push(() => {
          resolve(records.map((r) => [r]));
        });
      });
    }, 2);
    const a = gather.enter().search(['a1', 'a2']);
    const b = gather.enter().search(['b1']);
    gather.flush();
    expect(calls).toEqual([['a1', 'a2']]);
    release[0]?.();
    expect(await a).toEqual([['a1'], ['a2']]);
    gather.flush();
    expect(calls).toEqual([['a1', 'a2'], ['b1']]);
    release[1]?.();
    expect(await b).toEqual([['b1']]);
  });

  it('answers a chunk with no open records at once, and skips a chunk that left', async () => {
    const { calls, run } = recorder();
    const gather = searchGather(run, 100);
    const gone = gather.enter();
    const empty = gather.enter();
    const later = gather.enter();
    const c = later.search(['c1']);
    expect(await empty.search([])).toEqual([]);
    gone.leave();
    gather.flush();
    expect(calls).toEqual([['c1']]);
    expect(await c).toEqual([['found c1']]);
    await expect(later.search(['again'])).rejects.toThrow(/twice/);
  });

  it('fails every chunk of a search that failed', async () => {
    const gather = searchGather<string, string>(() => Promise.reject(new Error('disk gone')), 2);
    const a = gather.enter().search(['a1']);
    const b = gather.enter().search(['b1']);
    await expect(a).rejects.toThrow('disk gone');
    await expect(b).rejects.toThrow('disk gone');
  });
});
