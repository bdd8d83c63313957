using System.Globalization;

namespace Nightshift.Core.Specs;

/// <summary>
/// Parses a task spec: Markdown with optional YAML front matter between '---' lines at the very
/// top. Every problem is collected with its line, column and field; a spec is returned only when
/// there are none.
/// </summary>
public static class SpecParser
{
    private const string FrontMatterField = "front matter";
    private const string BodyField = "body";

    private static readonly string[] Priorities = ["low", "normal", "high", "urgent"];
    private static readonly string[] PlanModes = ["required", "off"];

    /// <summary>The values of <c>agent_config</c>, in a spec and in project.yml alike.</summary>
    public static IReadOnlyList<string> AgentConfigModes { get; } = ["user", "isolated"];

    public static SpecParseResult Parse(string text, string fileName)
    {
        var errors = new List<SpecError>();
        if (SpecLimits.SizeProblem(text, fileName) is { } tooLarge)
        {
            // Refused before any parsing, so an oversized input costs no more than its length.
            errors.Add(tooLarge);
            return new SpecParseResult(null, errors);
        }
        var sections = SpecSections.Split(text, fileName, errors);
        if (sections is null)
        {
            return new SpecParseResult(null, errors);
        }
        YamlValue? root = null;
        var yamlRead = sections.FrontMatter is null
            || YamlReader.TryRead(sections.FrontMatter, SpecSections.FrontMatterLineOffset, fileName, FrontMatterField, errors, out root);
        var fields = new YamlFields(root, SpecFields.All, FrontMatterField, fileName, errors);
        var spec = Read(fields, sections, yamlRead, fileName, errors);
        var sorted = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new SpecParseResult(sorted.Count == 0 ? spec : null, sorted);
    }

    private static TaskSpec? Read(YamlFields fields, SpecSections sections, bool yamlRead, string fileName, List<SpecError> errors)
    {
        var title = ReadTitle(fields, sections, yamlRead, fileName, errors);
        var name = ReadName(fields);
        var agent = ReadAgent(fields);
        var spec = new TaskSpec
        {
            Title = title ?? string.Empty,
            Name = name,
            Agent = agent,
            Model = fields.Text(SpecFields.Model),
            Priority = fields.Choice<Priority>(SpecFields.Priority, "a priority", Priorities) ?? Priority.Normal,
            Base = ReadBase(fields),
            DependsOn = Dependencies.Read(fields, name),
            Command = ReadCommand(fields, agent),
            Checks = ReadChecks(fields),
            Plan = fields.Choice<PlanMode>(SpecFields.Plan, "a plan mode", PlanModes) ?? PlanMode.Off,
            MaxRetries = fields.Integer(SpecFields.MaxRetries, 0, SpecFields.MaxRetriesLimit),
            Timeout = ReadTimeout(fields),
            Labels = fields.TextList(SpecFields.Labels, "label") ?? [],
            AgentConfig = fields.Choice<AgentConfigMode>(SpecFields.AgentConfig, "an agent configuration", AgentConfigModes),
            Body = sections.Body,
        };
        CheckBody(sections, fileName, errors);
        return title is null ? null : spec;
    }

    private static string? ReadTitle(YamlFields fields, SpecSections sections, bool yamlRead, string fileName, List<SpecError> errors)
    {
        if (fields.Has(SpecFields.Title))
        {
            var title = fields.Text(SpecFields.Title);
            return title is not null && TooLong(title, SpecLimits.MaxTitleChars, "SpecLimits.MaxTitleChars") is { } problem
                ? Refuse(fields, fields.ValueOf(SpecFields.Title), SpecFields.Title, problem)
                : title;
        }
        if (SpecBody.FindTitle(sections.Body) is { } heading)
        {
            if (TooLong(heading.Title, SpecLimits.MaxTitleChars, "SpecLimits.MaxTitleChars") is { } problem)
            {
                errors.Add(new SpecError(fileName, sections.BodyLine + heading.Index, 1, SpecFields.Title, $"(the '# ' heading) {problem}"));
                return null;
            }
            return heading.Title;
        }
        // When the front matter could not be read the title may well be in it; don't guess.
        if (yamlRead && fields.IsMapping)
        {
            errors.Add(new SpecError(fileName, 1, 1, SpecFields.Title,
                "is missing; add 'title: ...' to the front matter or start the body with a '# Title' heading"));
        }
        return null;
    }

    private static string? ReadName(YamlFields fields)
    {
        var name = fields.Text(SpecFields.Name);
        if (name is not null && !TaskName.IsValid(name, out var reason))
        {
            fields.Error(fields.ValueOf(SpecFields.Name), SpecFields.Name, reason);
            return null;
        }
        return name;
    }

    private static string? ReadAgent(YamlFields fields)
    {
        var agent = fields.Text(SpecFields.Agent);
        if (agent is not null && KnownAgents.Problem(agent) is { } problem)
        {
            fields.Error(fields.ValueOf(SpecFields.Agent), SpecFields.Agent, problem);
            return null;
        }
        return agent;
    }

    private static string? ReadBase(YamlFields fields)
    {
        var branch = fields.Text(SpecFields.Base);
        if (branch is not null && !BranchName.IsValid(branch, out var reason))
        {
            fields.Error(fields.ValueOf(SpecFields.Base), SpecFields.Base,
                $"'{branch}' is not a valid branch name: {reason}; use a name git accepts, e.g. main or release/2.0");
            return null;
        }
        return branch;
    }

    private static string? ReadCommand(YamlFields fields, string? agent)
    {
        var command = fields.Text(SpecFields.Command, singleLine: false);
        if (command is not null && TooLong(command, SpecLimits.MaxCommandChars, "SpecLimits.MaxCommandChars") is { } problem)
        {
            return Refuse(fields, fields.ValueOf(SpecFields.Command), SpecFields.Command, problem);
        }
        // An unknown agent is already reported; only a known, different agent conflicts with command.
        if (command is not null && agent is not null && agent != KnownAgents.Command)
        {
            fields.Error(fields.KeyOf(SpecFields.Command)!, SpecFields.Command,
                $"is only used by the '{KnownAgents.Command}' agent, but agent is '{agent}'; remove command or set agent: {KnownAgents.Command}");
            return null;
        }
        return command;
    }

    private static List<string> ReadChecks(YamlFields fields)
    {
        var checks = new List<string>();
        foreach (var item in fields.Items(SpecFields.Checks, "command") ?? [])
        {
            var check = item.Text.Trim();
            if (TooLong(check, SpecLimits.MaxCommandChars, "SpecLimits.MaxCommandChars") is { } problem)
            {
                fields.Error(item, SpecFields.Checks, $"has a command that {problem}");
                continue;
            }
            checks.Add(check);
        }
        return checks;
    }

    /// <summary>Why <paramref name="text"/> is refused for its length, naming the limit; null when it fits.</summary>
    private static string? TooLong(string text, int limit, string limitName) => text.Length <= limit
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"is too long: {text.Length:N0} characters, over the limit of {limit:N0} ({limitName}); shorten it");

    private static string? Refuse(YamlFields fields, YamlValue at, string field, string problem)
    {
        fields.Error(at, field, problem);
        return null;
    }

    private static TimeSpan? ReadTimeout(YamlFields fields)
    {
        var text = fields.Text(SpecFields.Timeout);
        if (text is null)
        {
            return null;
        }
        if (DurationParser.TryParse(text, out var timeout, out var reason))
        {
            return timeout;
        }
        fields.Error(fields.ValueOf(SpecFields.Timeout), SpecFields.Timeout, reason);
        return null;
    }

    private static void CheckBody(SpecSections sections, string fileName, List<SpecError> errors)
    {
        if (SpecBody.HasInstruction(sections.Body))
        {
            return;
        }
        var message = sections.Body.Length == 0
            ? "is empty; write what the agent should do below the front matter"
            : "has only a title heading; write what the agent should do under it";
        errors.Add(new SpecError(fileName, sections.BodyLine, 1, BodyField, message));
    }
}
