using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Nightshift.Core.Bridge;
using Nightshift.Core.Plans;
using Nightshift.Server.Auth;
namespace Nightshift.Server.Mcp;

/// <summary>The agent bridge's tools, served at a run's own endpoint to that run's agent.</summary>
internal sealed class BridgeTools(IHttpContextAccessor http)
{
    [McpServerTool(Name = "report_progress"), Description("Report how far the task is: a percent (0-100) and one line on what is happening. Shown on the task's card.")]
    public Task<string> ReportProgressAsync(
        [Description("Whole number from 0 to 100.")] int percent,
        [Description("One line: what you are doing now.")] string line,
        CancellationToken cancellationToken) =>
        ToolErrors.RunAsync(async () =>
        {
            await Bridge.ReportProgressAsync(percent, line, cancellationToken);
            return $"Recorded: {percent}%.";
        }, cancellationToken);

    [McpServerTool(Name = "ask_question"), Description(
        "Ask the developer a question when you cannot go on without their decision. The task shows that it needs input until they answer. "
        + "Returns the answer; if none comes within a few minutes, returns that there is no answer yet and the answer will reach you later as a message.")]
    public Task<CallToolResult> AskQuestionAsync(
        [Description("The question, with the options you see and what you would choose.")] string question,
        CancellationToken cancellationToken) =>
        ToolErrors.RunAsync(async () =>
        {
            var answer = await Bridge.AskAsync(question, cancellationToken);
            var text = answer is not null
                ? $"The developer answered: {answer}"
                : "No answer yet. The question stays open for the developer; go on with work that does not depend on it. "
                    + "The answer will be delivered to you as a message; if you finish your turn first, your session waits for it.";
            // The answer as data too, for a script (`nightshift ask`) to read a field, never the sentence. In
            // _meta, not structuredContent: agent CLIs show structured content in place of the text.
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = text }],
                Meta = new JsonObject { [AskResult.MetaKey] = JsonSerializer.SerializeToNode(new AskResult(answer is not null, answer), AskResult.Json) },
            };
        }, cancellationToken);

    [McpServerTool(Name = "get_feedback"), Description("Take the developer's comments that have not reached you yet, oldest first. Each comment is delivered once.")]
    public Task<string> GetFeedbackAsync(CancellationToken cancellationToken) =>
        ToolErrors.RunAsync(async () =>
        {
            var comments = await Bridge.TakeFeedbackAsync(cancellationToken);
            return comments.Count == 0 ? "No new feedback." : string.Join("\n\n", comments.Select((c, i) => $"{i + 1}. {c}"));
        }, cancellationToken);

    [McpServerTool(Name = "record_decision"), Description("Record a choice you made and why, so the reviewer sees the reasoning next to the diff.")]
    public Task<string> RecordDecisionAsync(
        [Description("What you decided, in one line.")] string decision,
        [Description("Why: the alternatives and what tipped it.")] string why,
        CancellationToken cancellationToken) =>
        ToolErrors.RunAsync(async () =>
        {
            await Bridge.RecordDecisionAsync(decision, why, cancellationToken);
            return "Decision recorded.";
        }, cancellationToken);

    [McpServerTool(Name = "update_plan"), Description("Replace your plan on the task: every step in order, each marked done or not. Send the whole plan each time.")]
    public Task<string> UpdatePlanAsync(
        [Description("The steps in order; each has `step` (one line) and `done` (true or false).")] PlanStep[] steps,
        CancellationToken cancellationToken) =>
        ToolErrors.RunAsync(async () =>
        {
            await Bridge.UpdatePlanAsync(steps, cancellationToken);
            return $"Plan recorded: {steps.Count(s => s.Done)} of {steps.Length} steps done.";
        }, cancellationToken);

    // Set by the one auth decision (TokenAuthentication) for a request on this run's endpoint.
    private RunBridge Bridge =>
        http.HttpContext?.Items[TokenAuthentication.RunBridgeKey] as RunBridge
            ?? throw new McpException("This endpoint is not a run's bridge.");
}
