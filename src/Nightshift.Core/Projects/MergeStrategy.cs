namespace Nightshift.Core.Projects;

/// <summary>How an approved branch lands on its target.</summary>
public enum MergeStrategy
{
    Merge = 0,
    Squash = 1,
    Rebase = 2,
}
