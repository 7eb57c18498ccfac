import { act, renderHook } from '@testing-library/react';
import { usePolling } from './usePolling';

describe('usePolling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A load answering from a list, the last answer repeated. */
  const answering = (answers: Array<string | Error>) => {
    let calls = 0;
    const load = jest.fn(async () => {
      const answer = answers[Math.min(calls++, answers.length - 1)];
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    });
    return load;
  };

  const render = (load: () => Promise<string>, key = 'mine') =>
    renderHook(
      (props: { key: string }) =>
        usePolling({
          load,
          key: props.key,
          intervalMs: 10_000,
          shouldPoll: value => value.startsWith('open'),
        }),
      { initialProps: { key } },
    );

  it('asks again every interval while the answer asks for it, then stops', async () => {
    const load = answering(['open 1', 'open 2', 'ready']);
    const { result } = render(load);
    expect(result.current.loading).toBe(true);

    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(result.current).toEqual({ value: 'open 1', loading: false });

    await act(() => jest.advanceTimersByTimeAsync(9_999));
    expect(load).toHaveBeenCalledTimes(1);
    await act(() => jest.advanceTimersByTimeAsync(1));
    expect(result.current.value).toBe('open 2');

    await act(() => jest.advanceTimersByTimeAsync(10_000));
    expect(result.current.value).toBe('ready');

    await act(() => jest.advanceTimersByTimeAsync(60_000));
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps the last answer through a failed request and goes on asking', async () => {
    const load = answering(['open', new Error('HTTP 503'), 'ready']);
    const { result } = render(load);
    await act(() => jest.advanceTimersByTimeAsync(0));
    await act(() => jest.advanceTimersByTimeAsync(10_000));
    expect(result.current.value).toBe('open');
    expect(result.current.error?.message).toBe('HTTP 503');

    await act(() => jest.advanceTimersByTimeAsync(10_000));
    expect(result.current).toEqual({ value: 'ready', loading: false });
  });

  it('stops when the first request fails', async () => {
    const load = answering([new Error('HTTP 403')]);
    const { result } = render(load);
    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(result.current.error?.message).toBe('HTTP 403');
    expect(result.current.loading).toBe(false);
    await act(() => jest.advanceTimersByTimeAsync(60_000));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('stops on unmount', async () => {
    const load = answering(['open']);
    const { unmount } = render(load);
    await act(() => jest.advanceTimersByTimeAsync(0));
    unmount();
    await act(() => jest.advanceTimersByTimeAsync(60_000));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('starts over for another key', async () => {
    const load = answering(['open']);
    const { result, rerender } = render(load);
    await act(() => jest.advanceTimersByTimeAsync(0));
    rerender({ key: 'other' });
    expect(result.current.loading).toBe(true);
    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(load).toHaveBeenCalledTimes(2);
    // One schedule, not two.
    await act(() => jest.advanceTimersByTimeAsync(10_000));
    expect(load).toHaveBeenCalledTimes(3);
  });
});
