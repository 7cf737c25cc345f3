import { describePiFamily } from './pi-family.js';
import { piDriver } from './pi-drivers.js';

// The real Pi (`@mariozechner/pi-coding-agent`, pinned in manifest.ts) on Node, with the
// extension `ai-memory install-hooks --agent pi` generates. Pi has no MCP client.
describePiFamily(piDriver, 'Pi: the generated extension hands off and captures a real session');
