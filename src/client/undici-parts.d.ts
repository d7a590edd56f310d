// undici's index loads all of undici — fetch, WebSocket, EventSource, caches, mocks. A call needs
// two dispatchers and `request`; these are the package's own files for them (undici 7, no
// "exports" map), typed with the package's public types. Measured 2026-12-04 (require, median of
// 21, clean env): index 163 ms vs these 101 ms on Node 20 (62 ms saved), 67 ms on 22, 66 ms on 24.
// test/unit/guards/start-up-mechanisms.test.ts fails when an upgrade moves or changes them.
declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export default AgentClass;
}

declare module 'undici/lib/dispatcher/proxy-agent.js' {
  import type { ProxyAgent } from 'undici';
  const ProxyAgentClass: typeof ProxyAgent;
  export default ProxyAgentClass;
}

declare module 'undici/lib/dispatcher/dispatcher.js' {
  import type { Dispatcher } from 'undici';
  const DispatcherClass: typeof Dispatcher;
  export default DispatcherClass;
}

/** request, stream, pipeline, upgrade, connect: what undici's index puts on Dispatcher.prototype. */
declare module 'undici/lib/api/index.js' {
  const api: Record<string, unknown>;
  export default api;
}
