using System.Text;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>read_file, write_file, edit_file and list_files, confined to the worktree by <see cref="WorktreePaths"/>.</summary>
internal sealed class FileTools(WorktreePaths paths)
{
    private const int MaxReadChars = 100_000;
    private const int DefaultLineLimit = 2000;
    private const int MaxListed = 500;
    private const int BinaryProbe = 8000;

    public async Task<string> ReadAsync(string path, int? offset, int? limit, CancellationToken cancellationToken)
    {
        var full = ExistingFile(path);
        var bytes = await File.ReadAllBytesAsync(full, cancellationToken);
        if (bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbe)).Contains((byte)0))
        {
            return $"{paths.Relative(full)} is a binary file ({bytes.Length} bytes); it cannot be shown as text";
        }
        var content = Encoding.UTF8.GetString(bytes);
        var lines = content.Split('\n');
        // A final newline ends the last line; it does not start another.
        var total = content.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var first = Math.Max(1, offset ?? 1);
        var count = Math.Max(1, limit ?? DefaultLineLimit);
        var text = new StringBuilder();
        var last = first - 1;
        while (last < total && last - first + 1 < count && text.Length < MaxReadChars)
        {
            text.Append(lines[last]);
            if (last < lines.Length - 1)
            {
                text.Append('\n');
            }
            last++;
        }
        if (first > total && total > 0)
        {
            text.Append($"[offset {first} is past the end; the file has {total} lines]");
        }
        else if (last < total)
        {
            text.Append($"[showing lines {first}-{last} of {total}; read on with offset={last + 1}]");
        }
        return text.ToString();
    }

    public async Task<string> WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        var full = paths.Resolve(path);
        if (Directory.Exists(full))
        {
            throw new ToolException($"'{path}' is a folder; give a file path");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, content, cancellationToken);
        return $"wrote {paths.Relative(full)} ({Encoding.UTF8.GetByteCount(content)} bytes)";
    }

    public async Task<string> EditAsync(string path, string search, string replace, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(search))
        {
            throw new ToolException("the search text is empty; copy the exact text to replace from read_file's output");
        }
        var full = ExistingFile(path);
        var text = await File.ReadAllTextAsync(full, cancellationToken);
        var count = Occurrences(text, search);
        if (count == 0)
        {
            throw new ToolException($"the search text was not found in {paths.Relative(full)}; read the file again and copy the text exactly, whitespace included");
        }
        if (count > 1)
        {
            throw new ToolException($"the search text occurs {count} times in {paths.Relative(full)}; include more of the surrounding text so it matches exactly once");
        }
        var at = text.IndexOf(search, StringComparison.Ordinal);
        await File.WriteAllTextAsync(full, string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + search.Length)), cancellationToken);
        return $"edited {paths.Relative(full)}: replaced 1 occurrence";
    }

    public string List(string? path, bool recursive)
    {
        var full = paths.Resolve(path);
        if (!Directory.Exists(full))
        {
            throw new ToolException(File.Exists(full) ? $"'{path}' is a file; list_files takes a folder" : $"no folder '{path}' in the worktree");
        }
        var lines = new List<string>();
        foreach (var entry in WorktreeWalk.Entries(full, recursive))
        {
            if (lines.Count == MaxListed)
            {
                lines.Add($"[stopped after {MaxListed} entries; list a subfolder for more]");
                break;
            }
            var name = paths.Relative(entry.FullName);
            lines.Add(entry is DirectoryInfo && entry.LinkTarget is null ? name + "/" : name);
        }
        return lines.Count == 0 ? "(empty folder)" : string.Join('\n', lines);
    }

    private string ExistingFile(string path)
    {
        var full = paths.Resolve(path);
        if (Directory.Exists(full))
        {
            throw new ToolException($"'{path}' is a folder; use list_files to see what it holds");
        }
        if (!File.Exists(full))
        {
            throw new ToolException($"no file '{path}' in the worktree; use list_files to see what exists");
        }
        return full;
    }

    private static int Occurrences(string text, string search)
    {
        var count = 0;
        for (var at = text.IndexOf(search, StringComparison.Ordinal); at >= 0; at = text.IndexOf(search, at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
