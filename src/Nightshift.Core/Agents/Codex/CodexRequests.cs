using System.Text;
using System.Text.Json.Nodes;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// Answers the app server's own requests. With approval policy <c>never</c> it should ask for no
/// approval; if it does, the answer is no, so nothing outside the sandbox runs unattended. The
/// model's questions (<c>request_user_input</c>) go to the developer and wait for the answer.
/// </summary>
internal sealed class CodexRequests(CodexRpc rpc, IAgentFeedback feedback)
{
    public async Task AnswerAsync(CodexMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var id = message.Id!;
            switch (message.Method)
            {
                case "item/commandExecution/requestApproval" or "item/fileChange/requestApproval":
                    await rpc.RespondAsync(id, new JsonObject { ["decision"] = "decline" });
                    break;
                case "execCommandApproval" or "applyPatchApproval":
                    await rpc.RespondAsync(id, new JsonObject { ["decision"] = "denied" });
                    break;
                case "item/tool/requestUserInput":
                    await rpc.RespondAsync(id, await AskAsync(message.Params, cancellationToken));
                    break;
                default:
                    await rpc.RespondErrorAsync(id, -32601, $"Nightshift does not answer {message.Method} in unattended runs");
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run was stopped while the question waited; nobody needs the answer now.
        }
    }

    private async Task<JsonObject> AskAsync(JsonObject parameters, CancellationToken cancellationToken)
    {
        var answers = new JsonObject();
        foreach (var question in (parameters["questions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var text = new StringBuilder(CodexEvents.Text(question, "question"));
            if (question["options"] is JsonArray options && options.Count > 0)
            {
                text.Append("\nOptions: ").AppendJoin("; ", options.OfType<JsonObject>().Select(o => $"{CodexEvents.Text(o, "label")} ({CodexEvents.Text(o, "description")})"));
            }
            var answer = await feedback.AskAsync(text.ToString(), cancellationToken);
            answers[CodexEvents.Text(question, "id")] = new JsonObject { ["answers"] = new JsonArray(answer) };
        }
        return new JsonObject { ["answers"] = answers };
    }
}
