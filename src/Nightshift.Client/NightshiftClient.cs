using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nightshift.Client;

/// <summary>The typed client of the Nightshift HTTP API, used by the CLI, scripts and tests.</summary>
public sealed class NightshiftClient : INightshiftReader
{
    /// <summary>JSON options shared by the client and the server.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>How many tasks <see cref="ListTasksAsync(TaskListQuery, CancellationToken)"/> asks for at a time.</summary>
    public const int TaskPageSize = 200;

    /// <summary>Bodies larger than this wait for the server's go-ahead before they are sent.</summary>
    private const int AskFirstBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a client for the server at <paramref name="baseUrl"/> with the access token.</summary>
    public NightshiftClient(Uri baseUrl, string token, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = baseUrl;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.Timeout = TimeSpan.FromMinutes(10);
        _ownsHttp = true;
    }

    /// <summary>The worker nodes, and why queued work is not starting, if anything holds it back.</summary>
    public Task<NodesStatusDto> GetNodesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<NodesStatusDto>("api/nodes", cancellationToken);

    /// <summary>Lists registered projects.</summary>
    public Task<IReadOnlyList<ProjectDto>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ProjectDto>>("api/projects", cancellationToken);

    /// <summary>Registers a repository (idempotent: the same path returns the same project).</summary>
    public Task<ProjectDto> RegisterProjectAsync(string path, CancellationToken cancellationToken = default) =>
        PostAsync<ProjectDto>("api/projects", new RegisterProjectRequest(path), cancellationToken);

    /// <summary>Adds a task from a spec; throws <see cref="NightshiftApiException"/> with the problems when the spec is invalid.</summary>
    public Task<TaskDto> AddTaskAsync(AddTaskRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDto>("api/tasks", request, cancellationToken);

    /// <summary>
    /// Lists every task, optionally only those in <paramref name="state"/>, reading the list page by
    /// page. A listed task carries no plan text; <see cref="GetTaskAsync"/> reads one task whole.
    /// </summary>
    public Task<IReadOnlyList<TaskDto>> ListTasksAsync(string? state = null, CancellationToken cancellationToken = default) =>
        ListTasksAsync(new TaskListQuery(state), cancellationToken);

    /// <summary>
    /// Lists every task <paramref name="query"/> lets through, reading the list page by page. A listed
    /// task carries no plan text; <see cref="GetTaskAsync"/> reads one task whole.
    /// </summary>
    public async Task<IReadOnlyList<TaskDto>> ListTasksAsync(TaskListQuery query, CancellationToken cancellationToken = default)
    {
        var all = new List<TaskDto>();
        long after = 0;
        while (true)
        {
            var page = await ListTaskPageAsync(query, after, TaskPageSize, cancellationToken);
            all.AddRange(page);
            if (page.Count < TaskPageSize)
            {
                return all;
            }
            after = page[^1].Id;
        }
    }

    /// <summary>One page of tasks in id order: at most <paramref name="limit"/> (1 to 500) with ids above <paramref name="afterId"/>.</summary>
    public Task<IReadOnlyList<TaskDto>> ListTaskPageAsync(string? state, long afterId, int limit, CancellationToken cancellationToken = default) =>
        ListTaskPageAsync(new TaskListQuery(state), afterId, limit, cancellationToken);

    /// <summary>One page of the tasks <paramref name="query"/> lets through, in id order: at most <paramref name="limit"/> (1 to 500) with ids above <paramref name="afterId"/>.</summary>
    public Task<IReadOnlyList<TaskDto>> ListTaskPageAsync(TaskListQuery query, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        var path = new StringBuilder($"api/tasks?after={afterId.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}");
        foreach (var (name, value) in new[] { ("state", query.State), ("project", query.Project), ("label", query.Label), ("agent", query.Agent) })
        {
            if (value is not null)
            {
                path.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }
        return GetAsync<IReadOnlyList<TaskDto>>(path.ToString(), cancellationToken);
    }

    /// <summary>One task by id or name, with its runs, reviews and comments.</summary>
    public Task<TaskDetailDto> GetTaskAsync(string idOrName, CancellationToken cancellationToken = default) =>
        GetAsync<TaskDetailDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}", cancellationToken);

    /// <summary>The task's events after sequence number <paramref name="afterSeq"/>, oldest first.</summary>
    public Task<IReadOnlyList<EventDto>> GetEventsAsync(string idOrName, long afterSeq = 0, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<EventDto>>($"api/tasks/{Uri.EscapeDataString(idOrName)}/events?after={afterSeq}", cancellationToken);

    /// <summary>
    /// At most <paramref name="limit"/> of the task's events after sequence number <paramref name="afterSeq"/>,
    /// oldest first (the server serves at most 5,000 at a time); page on from the last one's <see cref="EventDto.Seq"/>.
    /// </summary>
    public Task<IReadOnlyList<EventDto>> GetEventsAsync(string idOrName, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<EventDto>>(FormattableString.Invariant($"api/tasks/{Uri.EscapeDataString(idOrName)}/events?after={afterSeq}&limit={limit}"), cancellationToken);

    /// <summary>
    /// What a run of the task printed, as its node kept it (all of it, up to the node's file limit, also
    /// what its events do not show): the latest run's, or attempt <paramref name="attempt"/>'s. Empty when nothing was kept.
    /// </summary>
    public async Task<Stream> GetOutputAsync(string idOrName, int? attempt = null, CancellationToken cancellationToken = default)
    {
        var path = $"api/tasks/{Uri.EscapeDataString(idOrName)}/output" + (attempt is { } a ? FormattableString.Invariant($"?attempt={a}") : string.Empty);
        var response = await _http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The diff of the task's branch against its merge base with the base branch.</summary>
    public async Task<string> GetDiffAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri($"api/tasks/{Uri.EscapeDataString(idOrName)}/diff", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Leaves a comment on a task.</summary>
    public Task<CommentDto> AddCommentAsync(string idOrName, AddCommentRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CommentDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}/comments", request, cancellationToken);

    /// <summary>Answers the question the task's agent is waiting on (the task is NeedsInput).</summary>
    public Task<CommentDto> AnswerAsync(string idOrName, string text, CancellationToken cancellationToken = default) =>
        PostAsync<CommentDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}/answer", new AnswerRequest(text), cancellationToken);

    /// <summary>Tasks with an agent at work or waiting on a human mid-run, with progress.</summary>
    public Task<IReadOnlyList<TaskActivityDto>> GetActivityAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<TaskActivityDto>>("api/activity", cancellationToken);

    /// <summary>The task's review bundle: spec, summary, decisions, check evidence and diff.</summary>
    public Task<ReviewBundleDto> GetReviewAsync(string idOrName, CancellationToken cancellationToken = default) =>
        GetAsync<ReviewBundleDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}/review", cancellationToken);

    /// <summary>Every agent a spec can name, with whether this server runs it, its CLI version and what it supports.</summary>
    public Task<IReadOnlyList<AgentDto>> ListAgentsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<AgentDto>>("api/agents", cancellationToken);

    /// <summary>Everything that needs a human, most urgent first.</summary>
    public Task<IReadOnlyList<InboxItemDto>> GetInboxAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<InboxItemDto>>("api/inbox", cancellationToken);

    /// <summary>Approves a task in review; the server merges it and returns the task as it is afterwards.</summary>
    public Task<TaskDto> ApproveAsync(string idOrName, string? message = null, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}/approve", new DecisionRequest(message), cancellationToken);

    /// <summary>Requests changes: the message goes to a follow-up run.</summary>
    public Task<TaskDto> RejectAsync(string idOrName, string message, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}/reject", new DecisionRequest(message), cancellationToken);

    /// <summary>Approves the plan a plan-gated task waits with (AwaitingPlanApproval); the run that carries it out is queued.</summary>
    public Task<TaskDto> ApprovePlanAsync(string idOrName, string? note = null, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}/plan/approve", new ApprovePlanRequest(note), cancellationToken);

    /// <summary>Sends a waiting plan back: the agent plans again with <paramref name="feedback"/>.</summary>
    public Task<TaskDto> RevisePlanAsync(string idOrName, string feedback, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}/plan/revise", new RevisePlanRequest(feedback), cancellationToken);

    /// <summary>Cancels a task, stopping its agent if one runs.</summary>
    public Task<TaskDto> CancelAsync(string idOrName, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}/cancel", new DecisionRequest(null), cancellationToken);

    /// <summary>Turns a conflict into an integration run: the base is merged into the branch and the agent resolves the conflicts.</summary>
    public Task<TaskDto> IntegrateAsync(string idOrName, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}/integrate", new DecisionRequest(null), cancellationToken);

    /// <summary>Queues a failed or blocked task again.</summary>
    public Task<TaskDto> RetryAsync(string idOrName, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDto>($"api/tasks/{Uri.EscapeDataString(idOrName)}/retry", new DecisionRequest(null), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>A fresh URL that signs a browser in to the dashboard once.</summary>
    public Task<SignInLinkDto> NewSignInLinkAsync(CancellationToken cancellationToken = default) =>
        PostAsync<SignInLinkDto>("api/dashboard/links", new DecisionRequest(null), cancellationToken);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken)
    {
        // Sent with its length, and a large body only after the server agrees to take it
        // (Expect: 100-continue): a body over the server's limit is then answered with its 413
        // error instead of a connection cut while the body is still being written.
        // Not disposed here, as HttpClient.PostAsync leaves them: a handler may keep the request to read later.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        if (content.Headers.ContentLength > AskFirstBytes)
        {
            request.Headers.ExpectContinue = true;
        }
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        return value ?? throw new InvalidOperationException($"The server sent an empty answer to {response.RequestMessage?.RequestUri}.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        ErrorDto? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<ErrorDto>(Json, cancellationToken);
        }
        catch (JsonException)
        {
        }
        throw new NightshiftApiException(
            response.StatusCode,
            error ?? new ErrorDto($"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.", "http_error"));
    }
}
