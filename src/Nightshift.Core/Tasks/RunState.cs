namespace Nightshift.Core.Tasks;

/// <summary>The outcome of one run; Running until the holder of its lease records the end.</summary>
public enum RunState
{
    Running,
    Succeeded,
    Failed,
    Interrupted,
    Cancelled,
    TimedOut,
}
