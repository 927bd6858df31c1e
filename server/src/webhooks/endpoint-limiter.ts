// At most N requests in flight per merchant endpoint: a slow or hanging endpoint holds its own N slots
// and nothing else, so every other endpoint's events keep flowing.

export interface EndpointLimiter {
  /** Runs `work` when `endpoint` has a free slot; slots are handed out in arrival order. */
  run<T>(endpoint: string, work: () => Promise<T>): Promise<T>;
}

export function createEndpointLimiter(perEndpoint: number): EndpointLimiter {
  const lanes = new Map<string, { active: number; waiting: (() => void)[] }>();
  return {
    async run(endpoint, work) {
      let lane = lanes.get(endpoint);
      if (!lane) lanes.set(endpoint, (lane = { active: 0, waiting: [] }));
      const current = lane;
      if (current.active >= perEndpoint) await new Promise<void>((resolve) => current.waiting.push(resolve));
      else current.active++;
      try {
        return await work();
      } finally {
        // Hand the slot straight to the next waiter, or free it.
        const next = current.waiting.shift();
        if (next) next();
        else current.active--;
      }
    },
  };
}
