namespace Nightshift.Core.Git;

/// <summary>Reads <c>git worktree list --porcelain -z</c>: NUL-terminated fields, an empty field between worktrees.</summary>
internal static class WorktreeListParser
{
    private const string BranchPrefix = "refs/heads/";

    public static IReadOnlyList<WorktreeEntry> Parse(string output)
    {
        var entries = new List<WorktreeEntry>();
        var fields = new List<string>();
        foreach (var field in output.Split('\0'))
        {
            if (field.Length > 0)
            {
                fields.Add(field);
                continue;
            }
            if (fields.Count > 0)
            {
                entries.Add(ToEntry(fields, isMain: entries.Count == 0));
                fields.Clear();
            }
        }
        if (fields.Count > 0)
        {
            entries.Add(ToEntry(fields, isMain: entries.Count == 0));
        }
        return entries;
    }

    private static WorktreeEntry ToEntry(List<string> fields, bool isMain)
    {
        string path = string.Empty;
        string? head = null, branch = null, lockReason = null;
        bool bare = false, detached = false, locked = false, prunable = false;
        foreach (var field in fields)
        {
            var space = field.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? field : field[..space];
            var value = space < 0 ? null : field[(space + 1)..];
            switch (name)
            {
                case "worktree": path = value ?? string.Empty; break;
                case "HEAD": head = value; break;
                case "branch": branch = value is not null && value.StartsWith(BranchPrefix, StringComparison.Ordinal) ? value[BranchPrefix.Length..] : value; break;
                case "bare": bare = true; break;
                case "detached": detached = true; break;
                case "locked": locked = true; lockReason = value; break;
                case "prunable": prunable = true; break;
                default: break;
            }
        }
        return new WorktreeEntry(path, head, branch, isMain, bare, detached, locked, lockReason, prunable);
    }
}
