/**
 * The runtime part of the generated Pi / Oh My Pi extension (pi-extension.ts adds the header
 * and the constants NODE, ARGV, EXTRA). Plain JS, node built-ins only.
 *
 * Delivery: events go out one at a time, in order, each through `ai-memory hook` (payload on
 * stdin). Hook processes are detached, so a Ctrl+C to the agent's terminal or the agent's exit
 * does not kill one mid-post. A headless run (`pi -p`, `omp -p`) exits right after its last
 * turn, and Oh My Pi gives session_shutdown handlers 2 s, less than a node start takes on a busy
 * machine: at shutdown, whatever is still queued plus the session end goes to one detached
 * batch process that waits for the hook in flight, then posts them in order.
 */
export const PI_EXTENSION_BODY = String.raw`
function startHook(event, input, stdout) {
  // windowsHide: a detached process on Windows would otherwise open a console window.
  return spawn(NODE, [...ARGV, event, ...EXTRA], { stdio: [input, stdout, "ignore"], detached: true, windowsHide: true });
}

// Runs one hook with the payload on stdin; never throws, never waits longer than timeoutMs.
// The session start gets longer: the server has claimed the handoff by the time it answers, so
// a hook killed a moment too early would lose it.
function runHook(event, payload, timeoutMs, onStart) {
  return new Promise((resolve) => {
    let out = "";
    let child;
    try {
      child = startHook(event, "pipe", "pipe");
    } catch {
      resolve("");
      return;
    }
    onStart(child.pid);
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.stdout.on("data", (chunk) => (out += chunk));
    const done = () => {
      clearTimeout(timer);
      resolve(out);
    };
    child.on("error", done);
    child.on("close", done);
    child.stdin.on("error", () => {});
    child.stdin.end(JSON.stringify(payload));
  });
}

// The batch: waits (at most 10 s) for the hook in flight to exit, then runs each queued hook.
const BATCH = [
  'const { spawnSync } = require("node:child_process");',
  'const job = JSON.parse(require("node:fs").readFileSync(0, "utf8"));',
  'const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };',
  'const until = Date.now() + 10000;',
  'while (job.wait && alive(job.wait) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);',
  'for (const e of job.events) spawnSync(job.node, [...job.argv, e.event, ...job.extra], { input: JSON.stringify(e.payload), stdio: ["pipe", "ignore", "ignore"], timeout: 10000, windowsHide: true });',
].join("\n");

// Its stdin is a file, unlinked once the child holds it open: nothing depends on the agent.
function runBatch(events, wait) {
  const file = join(tmpdir(), "ai-memory-" + process.pid + "-" + Date.now() + ".json");
  let fd;
  try {
    writeFileSync(file, JSON.stringify({ wait, node: NODE, argv: ARGV, extra: EXTRA, events }), { mode: 0o600 });
    fd = openSync(file, "r");
    spawn(NODE, ["-e", BATCH], { stdio: [fd, "ignore", "ignore"], detached: true, windowsHide: true }).unref();
  } catch {
    // the events are lost; the agent is never held up
  } finally {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(file);
    } catch {}
  }
}

function settle(promise, ms) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

// The handoff in the session start answer; none when nothing is pending or the server is away.
function contextOf(out) {
  try {
    return JSON.parse(out)?.hookSpecificOutput?.additionalContext ?? null;
  } catch {
    return null;
  }
}

function textOf(content) {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.filter((part) => part?.type === "text" && typeof part.text === "string").map((part) => part.text).join("\n");
}

// Pi's bash tool reports a non-zero exit only in its error text ("Command exited with code N");
// Oh My Pi also puts it in details.exitCode.
function exitCodeOf(event, text) {
  if (typeof event?.details?.exitCode === "number") return event.details.exitCode;
  const match = /Command exited with code (-?\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}

export default function aiMemory(pi) {
  const briefed = new Map();
  const backlog = [];
  let inFlight = 0;
  let idle = Promise.resolve();
  let pumping = false;
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    let finished;
    idle = new Promise((resolve) => (finished = resolve));
    while (backlog.length > 0) {
      const item = backlog.shift();
      item.resolve(await runHook(item.event, item.payload, item.timeoutMs, (pid) => (inFlight = pid)));
      inFlight = 0;
    }
    pumping = false;
    finished();
  };
  // After session_shutdown this instance is done: a late event would land after the session end.
  let closed = false;
  // Queued in order; the promise gives the hook's output, for those that wait on it.
  const capture = (event, payload, timeoutMs = 5000) =>
    new Promise((resolve) => {
      if (closed) return resolve("");
      backlog.push({ event, payload, timeoutMs, resolve });
      void pump();
    });
  // Never throws: Oh My Pi blocks a tool call whose tool_call handler throws.
  const base = (ctx) => {
    try {
      const manager = ctx?.sessionManager;
      return { session_id: manager?.getSessionId?.() ?? null, cwd: ctx?.cwd ?? manager?.getCwd?.() ?? process.cwd(), transcript_path: manager?.getSessionFile?.() ?? null };
    } catch {
      return { session_id: null, cwd: process.cwd(), transcript_path: null };
    }
  };
  let startReason = "startup";

  pi.on("session_start", async (event) => {
    startReason = event?.reason ?? "startup";
  });

  // The session starts for ai-memory with its first prompt: a session opened and left unused
  // spends no handoff. The handoff then rides on the system prompt of each prompt of the session.
  // Oh My Pi may run the before_agent_start chain again for the same submission (when the
  // system prompt's base changed while a handler waited): one prompt is captured once per run.
  let promptSeen = null;
  pi.on("before_agent_start", async (event, ctx) => {
    const where = base(ctx);
    if (!briefed.has(where.session_id)) briefed.set(where.session_id, capture("session_start", { ...where, source: startReason }, 20000).then(contextOf));
    const prompt = event?.prompt ?? "";
    if (promptSeen !== where.session_id + "\0" + prompt) capture("before_agent_start", { ...where, prompt });
    promptSeen = where.session_id + "\0" + prompt;
    const context = await briefed.get(where.session_id);
    if (!context) return undefined;
    // Pi passes the system prompt as one string, Oh My Pi as a list of blocks.
    const system = event?.systemPrompt;
    if (Array.isArray(system)) return { systemPrompt: [...system, context] };
    return typeof system === "string" ? { systemPrompt: system + "\n\n" + context } : undefined;
  });

  pi.on("tool_call", async (event, ctx) => {
    capture("tool_call", { ...base(ctx), toolName: event?.toolName, toolCallId: event?.toolCallId, input: event?.input });
  });

  pi.on("tool_result", async (event, ctx) => {
    const input = event?.input ?? {};
    const payload = { ...base(ctx), toolName: event?.toolName, toolCallId: event?.toolCallId, input, tool_response: { content: event?.content ?? [], isError: event?.isError === true } };
    const exit = exitCodeOf(event, textOf(event?.content));
    if (exit !== undefined) payload.exit_code = exit;
    if (typeof input.path === "string" && /^(write|edit)$/.test(event?.toolName ?? "")) payload.file_path = input.path;
    capture("tool_result", payload);
  });

  // The end of one prompt's work: its last assistant text is the turn's reply. Oh My Pi sends
  // agent_end without waiting for it, so a headless run may shut down first: the reply is also
  // kept from message_end, and session_shutdown sends it when agent_end has not.
  let pendingReply = null;
  pi.on("message_end", async (event, ctx) => {
    const message = event?.message;
    if (message?.role === "assistant" && textOf(message.content).trim() !== "") pendingReply = { ...base(ctx), last_assistant_message: textOf(message.content) };
  });
  pi.on("agent_end", async (_event, ctx) => {
    capture("agent_end", pendingReply ?? base(ctx));
    pendingReply = null;
    promptSeen = null;
  });

  pi.on("session_before_compact", async (_event, ctx) => {
    capture("session_before_compact", base(ctx));
  });

  pi.on("session_compact", async (event, ctx) => {
    const summary = event?.compactionEntry?.summary;
    capture("session_compact", typeof summary === "string" ? { ...base(ctx), summary } : base(ctx));
  });

  // A reload keeps the session; quitting or moving to another session ends this one.
  pi.on("session_shutdown", async (event, ctx) => {
    const end = event?.reason === "reload" ? [] : [{ event: "session_shutdown", payload: { ...base(ctx), reason: event?.reason ?? "quit" } }];
    if (pendingReply) capture("agent_end", pendingReply);
    closed = true;
    await settle(idle, 1000);
    const rest = backlog.splice(0).map(({ event: name, payload }) => ({ event: name, payload }));
    if (rest.length + end.length > 0) runBatch([...rest, ...end], inFlight);
  });
}
`;
