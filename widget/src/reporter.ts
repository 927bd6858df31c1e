// The console half of "errors show in the button and once in the console": every message carries a
// prefix, so merchants can find and filter ours, and is printed once per page however often it recurs.

export type Report = (message: string) => void;

export function createReporter(out: Pick<Console, 'error'>): Report {
  const seen = new Set<string>();
  return (message) => {
    if (!seen.has(message)) out.error('[qiwi-pay] ' + message);
    seen.add(message);
  };
}
