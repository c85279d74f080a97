import { useState } from 'react';
import { failureText } from '@/services/cloud';

/** The steps a screen offers on one record, one at a time: which one is running, and why the last one failed. */
export function useStepRunner<S extends string>() {
  const [busy, setBusy] = useState<S | null>(null);
  const [problem, setProblem] = useState('');
  /** Runs one step; its result, or `undefined` when it failed (the reason is then in `problem`). */
  const run = async <T,>(step: S, work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(step);
    setProblem('');
    try {
      return await work();
    } catch (error) {
      setProblem(failureText(error));
      return undefined;
    } finally {
      setBusy(null);
    }
  };
  return { busy, problem, setProblem, run };
}
