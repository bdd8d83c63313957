namespace Nightshift.Core.Specs;

/// <summary>The front matter keys a task spec may set.</summary>
internal static class SpecFields
{
    public const string Title = "title";
    public const string Name = "name";
    public const string Agent = "agent";
    public const string Model = "model";
    public const string Priority = "priority";
    public const string Base = "base";
    public const string DependsOn = "depends_on";
    public const string Command = "command";
    public const string Checks = "checks";
    public const string Plan = "plan";
    public const string MaxRetries = "max_retries";
    public const string Timeout = "timeout";
    public const string Labels = "labels";
    public const string AgentConfig = "agent_config";

    public const int MaxRetriesLimit = 20;

    public static IReadOnlyList<string> All { get; } =
        [Title, Name, Agent, Model, Priority, Base, DependsOn, Command, Checks, Plan, MaxRetries, Timeout, Labels, AgentConfig];
}
