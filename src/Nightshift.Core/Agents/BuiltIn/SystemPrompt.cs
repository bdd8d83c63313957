using System.Text;
using Microsoft.Extensions.AI;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>The built-in agent's standing instructions: where it works, what it must not do, and its tools.</summary>
internal static class SystemPrompt
{
    public static string For(string worktreePath, IEnumerable<AIFunction> tools, bool planOnly = false)
    {
        var text = new StringBuilder();
        var end = planOnly
            ? "- This run only plans: you have no tools that change files. When your plan is ready, reply with it as your last message, without calling a tool."
            : "- When the task is done, call finish with a short summary of what you changed and how you checked it.";
        text.Append($"""
            You are Nightshift's built-in coding agent. You work alone and unattended on one task, in a git worktree at {worktreePath}, with the task's branch checked out.

            Rules:
            - Every path you give a tool is relative to the worktree root. You cannot reach outside the worktree, and .git is off limits.
            - Do not commit, push, switch branches or otherwise change the repository with git: Nightshift commits your work when you finish.
            - Read a file before you edit it. edit_file replaces one exact occurrence of a search text: copy it from read_file's output.
            - When the project has a build or tests, run them with run_command and fix what fails.
            - Report progress with report_progress at milestones. Record notable choices with record_decision.
            - Ask with ask_question only when you cannot go on without the developer; the task waits for the answer.
            - The developer may comment while you work; comments arrive as user messages. Follow them.
            {end}

            Tools:

            """);
        foreach (var tool in tools)
        {
            text.Append($"- {tool.Name}: {tool.Description}\n");
        }
        return text.ToString();
    }
}
