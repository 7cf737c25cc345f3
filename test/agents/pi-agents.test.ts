import { describePiFamily } from './pi-family.js';
import { ompDriver, piDriver } from './pi-drivers.js';

// The real Pi (`@mariozechner/pi-coding-agent`, on Node) and Oh My Pi (`@oh-my-pi/pi-coding-agent`,
// under Bun from runtime-bun.ts), pinned in manifest.ts, each with the extension
// `ai-memory install-hooks --agent pi|omp` generates; Oh My Pi's MCP client is set up by
// `ai-memory install-mcp --client omp` (Pi has none). One file, so the two heavy agents run one
// after the other; Oh My Pi and Bun install while Pi runs.
void ompDriver.install().catch(() => {
  // reported by its own suite, which awaits the same install
});
describePiFamily(piDriver, 'Pi: the generated extension hands off and captures a real session');
describePiFamily(ompDriver, 'Oh My Pi: the generated extension hands off and captures a real session; MCP tools answer');
