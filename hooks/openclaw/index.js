// ai-memory's OpenClaw plugin. `ai-memory install-hooks --agent openclaw` lists this folder in
// plugins.load.paths of openclaw.json and gives it its settings (plugins.entries.ai-memory.config);
// `ai-memory uninstall --agent openclaw --apply` takes both out again.
//
// It runs inside OpenClaw's own process (Node 24), so it is plain ESM with Node built-ins only.
// Every event goes to the same `ai-memory hook` command the other agents' hooks run (payload on
// stdin), so project resolution, redaction and the handoff format stay in one place.
import { spawn } from "node:child_process";
import { isAbsolute, resolve } from "node:path";

// The start of a session gets longer: the server has claimed the handoff by the time it answers,
// so a hook killed a moment too early would lose it (node alone takes seconds on a busy machine).
const START_BUDGET_MS = 20000;
// Generous: OpenClaw itself keeps the CPU busy while a turn runs, and the queue is awaited only
// at the end of the turn (agent_end), never in front of a model call.
const CAPTURE_BUDGET_MS = 15000;
// The control tool of OpenClaw's Tool Search: the tool it calls fires after_tool_call itself.
const WRAPPER_TOOLS = new Set(["tool_call"]);
const FILE_TOOLS = new Set(["write", "edit"]);

// Runs the hook command; never throws, never waits longer than timeoutMs. What the hook says on
// stderr (the server could not be reached, say) goes to OpenClaw's log.
function runHook(config, warn, event, payload, timeoutMs) {
  return new Promise((done) => {
    let out = "";
    let err = "";
    let child;
    try {
      const args = [config.bin, "hook", "--agent", "openclaw", "--event", event, ...(Array.isArray(config.args) ? config.args : [])];
      child = spawn(config.node, args, { stdio: ["pipe", "pipe", "pipe"] });
    } catch (error) {
      warn(`ai-memory: could not run ${config.node} (${error?.message}); ${event} not captured`);
      done("");
      return;
    }
    const timer = setTimeout(() => {
      warn(`ai-memory: the hook for ${event} took longer than ${timeoutMs} ms and was stopped`);
      child.kill();
    }, timeoutMs);
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      warn(`ai-memory: could not run ${config.node} (${error.message}); ${event} not captured`);
      done("");
    });
    child.on("close", () => {
      clearTimeout(timer);
      if (err.trim() !== "") warn(err.trim().slice(0, 500));
      done(out);
    });
    child.stdin.on("error", () => {});
    child.stdin.end(JSON.stringify({ hook_event_name: event, ...payload }));
  });
}

// The handoff in the session-start answer; null when nothing is pending or the server is away.
function contextOf(out) {
  try {
    const context = JSON.parse(out)?.hookSpecificOutput?.additionalContext;
    return typeof context === "string" && context.trim() !== "" ? context : null;
  } catch {
    return null;
  }
}

function textOf(content) {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.filter((part) => part?.type === "text" && typeof part.text === "string").map((part) => part.text).join("\n");
}

function lastAssistantText(messages) {
  for (const message of [...(Array.isArray(messages) ? messages : [])].reverse()) {
    if (message?.role !== "assistant") continue;
    const text = textOf(message.content);
    if (text.trim() !== "") return text;
  }
  return "";
}

// OpenClaw's tool result: { content: [{ type: "text", text }], details: { exitCode, ... } }.
function toolResponse(result) {
  if (result === undefined || result === null) return undefined;
  const exitCode = result?.details?.exitCode;
  return { output: typeof result === "string" ? result : textOf(result.content), ...(Number.isInteger(exitCode) ? { exit_code: exitCode } : {}) };
}

export default {
  id: "ai-memory",
  name: "ai-memory",
  description: "Captures OpenClaw sessions for ai-memory and hands the pending handoff to the first turn of a session.",
  register(api) {
    const config = api.pluginConfig ?? {};
    if (typeof config.node !== "string" || typeof config.bin !== "string") {
      api.logger?.warn?.("ai-memory: plugins.entries.ai-memory.config lacks node/bin; run `ai-memory install-hooks --agent openclaw --apply` again");
      return;
    }
    const warn = (message) => api.logger?.warn?.(message);
    const briefed = new Map();
    const cwds = new Map();
    // Capture events go out one after another, in order; agent_end and session_end wait for the
    // queue so a one-shot `openclaw agent --local` does not exit with events still unsent.
    let queue = Promise.resolve();
    const capture = (event, payload) => (queue = queue.then(() => runHook(config, warn, event, payload, CAPTURE_BUDGET_MS)));
    const base = (ctx, sessionId) => {
      const id = sessionId ?? ctx?.sessionId;
      if (id && ctx?.workspaceDir) cwds.set(id, ctx.workspaceDir);
      return { session_id: id, session_key: ctx?.sessionKey, agent_id: ctx?.agentId, cwd: cwds.get(id) ?? ctx?.workspaceDir ?? process.cwd() };
    };

    // OpenClaw's own session_start comes from the Gateway only (a local one-shot run has none), so
    // the first prompt a session builds in this process starts it: the pending handoff is claimed
    // then and put before that first prompt, where the session's history keeps it.
    api.on(
      "before_prompt_build",
      async (event, ctx) => {
        const id = ctx?.sessionId;
        if (!id) return undefined;
        const own = (!ctx.trigger || ctx.trigger === "user") && !/:subagent:/.test(ctx.sessionKey ?? "");
        let context = null;
        if (own && !briefed.has(id)) {
          const start = { ...base(ctx), source: Array.isArray(event?.messages) && event.messages.length > 0 ? "resume" : "startup", model: ctx.modelId };
          briefed.set(id, (queue = queue.then(() => runHook(config, warn, "session_start", start, START_BUDGET_MS))).then(contextOf));
          context = await briefed.get(id);
        }
        const prompt = typeof event?.currentUserMessage === "string" ? event.currentUserMessage : event?.prompt;
        if (own && prompt) capture("before_prompt_build", { ...base(ctx), prompt });
        return context ? { prependContext: context } : undefined;
      },
      { timeoutMs: START_BUDGET_MS + 10000 },
    );

    api.on("after_tool_call", async (event, ctx) => {
      if (WRAPPER_TOOLS.has(event?.toolName)) return;
      const params = event?.params ?? {};
      const payload = { ...base(ctx), tool_name: event?.toolName ?? ctx?.toolName, tool_call_id: event?.toolCallId, tool_input: params, duration_ms: event?.durationMs };
      // apply_patch takes { input: "*** Begin Patch ..." }: the patch text itself names the files.
      if (payload.tool_name === "apply_patch" && typeof params.input === "string") payload.tool_input = params.input;
      // A failed call carries `error` and no result: the error text is its output.
      if (event?.error) payload.error = event.error;
      else payload.tool_response = toolResponse(event?.result);
      if (FILE_TOOLS.has(payload.tool_name) && typeof params.path === "string") payload.file_path = isAbsolute(params.path) ? params.path : resolve(payload.cwd, params.path);
      capture("after_tool_call", payload);
    });

    api.on(
      "agent_end",
      async (event, ctx) => {
        capture("agent_end", { ...base(ctx), last_assistant_message: lastAssistantText(event?.messages), success: event?.success, error: event?.error });
        await queue;
      },
      { timeoutMs: 120000 },
    );

    api.on("session_end", async (event, ctx) => {
      capture("session_end", { ...base(ctx, event?.sessionId), reason: event?.reason, message_count: event?.messageCount });
      briefed.delete(event?.sessionId);
      await queue;
    });

    api.on("before_compaction", async (_event, ctx) => void capture("before_compaction", base(ctx)));
    api.on("after_compaction", async (event, ctx) => void capture("after_compaction", { ...base(ctx), compacted_count: event?.compactedCount }));
  },
};
