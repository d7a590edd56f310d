// undici's index loads all of undici — fetch, WebSocket, EventSource, caches, mocks — about 30 ms
// of every gateway call's start-up (a performance bar, DESIGN section 9). A call needs two
// dispatchers and `request`; these are the package's own files for them (undici 7, no "exports"
// map), typed with the package's public types.
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
