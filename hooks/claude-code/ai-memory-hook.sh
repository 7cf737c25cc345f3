#!/bin/sh
# ai-memory hook for claude-code: a POSIX sh alternative to the direct command.
#   hook config: "<package>/hooks/claude-code/ai-memory-hook.sh" <NativeEvent> [--server-url URL] [--auth-token T]
# The payload arrives on stdin and is passed through. Exits 0 always: memory must never block the agent.
dir=$(CDPATH= cd -- "$(dirname -- "$0")/../.." 2>/dev/null && pwd) || exit 0
node=${AI_MEMORY_NODE:-node}
command -v "$node" >/dev/null 2>&1 || exit 0
[ -n "$1" ] || exit 0
event=$1
shift
"$node" "$dir/bin/ai-memory" hook --agent claude-code --event "$event" "$@"
exit 0
