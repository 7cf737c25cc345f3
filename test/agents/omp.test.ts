import { describePiFamily } from './pi-family.js';
import { ompDriver } from './pi-drivers.js';

// The real Oh My Pi (`@oh-my-pi/pi-coding-agent`, pinned in manifest.ts) under Bun (runtime-bun.ts),
// with the extension `ai-memory install-hooks --agent omp` generates and its MCP client set up by
// `ai-memory install-mcp --client omp`.
describePiFamily(ompDriver, 'Oh My Pi: the generated extension hands off and captures a real session; MCP tools answer');
