using Nightshift.Core.Specs;

namespace Nightshift.Core.Projects;

/// <summary>
/// Reads <c>models:</c> of a project file: for each agent, the model its tasks use when their spec
/// names none (<c>models: { claude-code: sonnet, codex: gpt-5 }</c>). The model is passed to the CLI
/// as given, so a name the CLI does not know fails the run with the CLI's own error.
/// </summary>
internal static class ProjectModels
{
    public static IReadOnlyDictionary<string, string>? Read(YamlFields fields, string key)
    {
        if (!fields.Has(key))
        {
            return null;
        }
        var value = fields.ValueOf(key);
        if (value.Kind == YamlValueKind.Scalar && value.IsNull)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        if (value.Kind != YamlValueKind.Mapping)
        {
            fields.Error(value, key, $"must be 'agent: model' lines indented under {key}: (e.g. `claude-code: sonnet`), not {value.Shape}");
            return null;
        }
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (agentKey, model) in value.Entries)
        {
            var agent = agentKey.Kind == YamlValueKind.Scalar && !agentKey.IsNull ? agentKey.Text.Trim() : null;
            var field = $"{key}.{agent}";
            if (agent is null)
            {
                fields.Error(agentKey, key, $"a key must be an agent's name, not {agentKey.Shape}");
            }
            else if (KnownAgents.Problem(agent) is { } unknown)
            {
                fields.Error(agentKey, field, unknown);
            }
            else if (agent == KnownAgents.Command)
            {
                fields.Error(agentKey, field, "the command agent runs a command and has no model; remove this line");
            }
            else if (models.ContainsKey(agent))
            {
                fields.Error(agentKey, field, "is set twice; keep one and remove the other");
            }
            else if (model.Kind != YamlValueKind.Scalar || model.IsNull || string.IsNullOrWhiteSpace(model.Text) || model.Text.Trim().Contains('\n', StringComparison.Ordinal))
            {
                fields.Error(model, field, $"must be one model name on the line (e.g. `{agent}: <model>`), not {(model.IsNull ? "empty" : model.Shape)}");
            }
            else
            {
                models.Add(agent, model.Text.Trim());
            }
        }
        return models;
    }
}
