import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { startFakeModel, type FakeModel } from './fake-model/server.js';
import { startHookRecorder, type HookRecorder } from './hook-recorder.js';
import { agentWorld, type AgentWorld } from './sandbox.js';

/** What a real-agent suite runs against: our server, the hook recorder in front of it, the fake model and a throwaway repository. */
export interface AgentHarness {
  server: TestServer;
  recorder: HookRecorder;
  fake: FakeModel;
  world: AgentWorld;
  dispose(): Promise<void>;
}

/** Created in a suite's `before` (see agentWorld); `dispose` in its `after`. */
export async function startAgentHarness(): Promise<AgentHarness> {
  // Stopped in reverse order; a part that fails to start stops the ones already running.
  const stops: Array<() => Promise<void>> = [];
  const dispose = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const server = await startSuiteServer();
    stops.push(() => server.dispose());
    const recorder = await startHookRecorder(server.url);
    stops.push(() => recorder.close());
    const fake = await startFakeModel();
    stops.push(() => fake.close());
    const world = await agentWorld();
    stops.push(() => world.dispose());
    return { server, recorder, fake, world, dispose };
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
}
