using Nightshift.Server.Dashboard.Review;
using Shouldly;
using Xunit;

namespace Nightshift.Dashboard.Tests;

public sealed class ReviewDiffParserTests
{
    private const string TwoFiles = """
        diff --git a/src/app.cs b/src/app.cs
        index 83db48f..bf269f4 100644
        --- a/src/app.cs
        +++ b/src/app.cs
        @@ -1,4 +1,5 @@ class App
         using System;
        -var x = 1;
        +var x = 2;
        +var y = 3;
         
         Console.WriteLine(x);
        diff --git a/notes.txt b/notes.txt
        new file mode 100644
        index 0000000..e69de29
        --- /dev/null
        +++ b/notes.txt
        @@ -0,0 +1,2 @@
        +first
        +second
        \ No newline at end of file

        """;

    [Fact]
    public void Parse_ReadsEachFileWithItsHunksAndCounts()
    {
        var files = UnifiedDiffParser.Parse(TwoFiles);

        files.Select(f => f.Path).ShouldBe(["src/app.cs", "notes.txt"]);
        files[0].Change.ShouldBe(DiffFileChange.Modified);
        (files[0].Added, files[0].Removed).ShouldBe((2, 1));
        files[0].Hunks.ShouldHaveSingleItem().Section.ShouldBe("class App");
        files[1].Change.ShouldBe(DiffFileChange.Added);
        files[1].OldPath.ShouldBeNull();
        (files[1].Added, files[1].Removed).ShouldBe((2, 0));
    }

    [Fact]
    public void Parse_NumbersLinesOnBothSides()
    {
        var lines = UnifiedDiffParser.Parse(TwoFiles)[0].Hunks[0].Lines;

        lines.Select(l => (l.Kind, l.OldNumber, l.NewNumber)).ShouldBe(
        [
            (DiffLineKind.Context, 1, 1),
            (DiffLineKind.Removed, 2, null),
            (DiffLineKind.Added, null, 2),
            (DiffLineKind.Added, null, 3),
            (DiffLineKind.Context, 3, 4),
            (DiffLineKind.Context, 4, 5),
        ]);
        lines[2].Text.ShouldBe("var x = 2;");
        lines[4].Text.ShouldBe(string.Empty);
    }

    [Fact]
    public void Parse_MarksTheLineWithoutANewlineAtTheEnd()
    {
        var lines = UnifiedDiffParser.Parse(TwoFiles)[1].Hunks[0].Lines;

        lines.Select(l => l.NoNewlineAtEnd).ShouldBe([false, true]);
    }

    [Fact]
    public void Parse_TakesARemovedLineThatLooksLikeAHeaderAsALine()
    {
        var diff = "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,1 @@\n--- a rule\n keep\n";

        var file = UnifiedDiffParser.Parse(diff).ShouldHaveSingleItem();

        file.Hunks[0].Lines.Select(l => (l.Kind, l.Text)).ShouldBe([(DiffLineKind.Removed, "-- a rule"), (DiffLineKind.Context, "keep")]);
    }

    [Fact]
    public void Parse_ReadsRenamesDeletionsAndBinaryFiles()
    {
        var diff = """
            diff --git a/old name.txt b/new name.txt
            similarity index 100%
            rename from old name.txt
            rename to new name.txt
            diff --git a/gone.txt b/gone.txt
            deleted file mode 100644
            index e69de29..0000000
            --- a/gone.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -bye
            diff --git a/logo.png b/logo.png
            index 1234567..89abcde 100644
            Binary files a/logo.png and b/logo.png differ
            """;

        var files = UnifiedDiffParser.Parse(diff);

        files.Select(f => (f.Change, f.OldPath, f.NewPath, f.IsBinary)).ShouldBe(
        [
            (DiffFileChange.Renamed, "old name.txt", "new name.txt", false),
            (DiffFileChange.Deleted, "gone.txt", null, false),
            (DiffFileChange.Modified, "logo.png", "logo.png", true),
        ]);
        files[1].Path.ShouldBe("gone.txt");
        files[1].Hunks[0].Lines.ShouldHaveSingleItem().OldNumber.ShouldBe(1);
    }

    [Fact]
    public void Parse_UnquotesNamesGitEscapes()
    {
        var diff = "diff --git \"a/t\\303\\251st.txt\" \"b/t\\303\\251st.txt\"\nnew file mode 100644\n--- /dev/null\n+++ \"b/t\\303\\251st.txt\"\n@@ -0,0 +1 @@\n+hi\n";

        UnifiedDiffParser.Parse(diff).ShouldHaveSingleItem().Path.ShouldBe("tést.txt");
    }

    [Fact]
    public void Parse_OfNothingIsNoFiles()
    {
        UnifiedDiffParser.Parse(string.Empty).ShouldBeEmpty();
        UnifiedDiffParser.Parse("not a diff at all\n").ShouldBeEmpty();
    }

    [Fact]
    public void Pair_PutsEachRemovalBesideTheAdditionThatReplacesIt()
    {
        var hunk = UnifiedDiffParser.Parse(TwoFiles)[0].Hunks[0];

        var rows = SplitRow.Pair(hunk);

        rows.Select(r => (r.Left?.OldNumber, r.Right?.NewNumber)).ShouldBe([(1, 1), (2, 2), (null, 3), (3, 4), (4, 5)]);
        rows[2].LeftIndex.ShouldBe(-1);
    }

    [Fact]
    public void Colour_GivesKeywordsAndStringsTheirClasses_AndKeepsTheText()
    {
        var diff = "diff --git a/a.cs b/a.cs\n--- a/a.cs\n+++ b/a.cs\n@@ -1 +1 @@\n-var s = \"old\";\n+return \"new\"; // done\n";
        var hunk = UnifiedDiffParser.Parse(diff)[0].Hunks[0];

        var tokens = SyntaxColouring.Shared.Colour(hunk, SyntaxColouring.LanguageFor("a.cs"));

        string.Concat(tokens[1].Select(t => t.Text)).ShouldBe("return \"new\"; // done");
        tokens[1].ShouldContain(new CodeToken("return", "tk-k"));
        tokens[1].ShouldContain(new CodeToken("\"new\"", "tk-s"));
        tokens[1].ShouldContain(new CodeToken("// done", "tk-c"));
        tokens[0].ShouldContain(new CodeToken("\"old\"", "tk-s"));
    }

    [Fact]
    public void Colour_LeavesAnUnknownFileTypePlain()
    {
        var hunk = UnifiedDiffParser.Parse("--- a/x.zzz\n+++ b/x.zzz\n@@ -0,0 +1 @@\n+return 1;\n")[0].Hunks[0];

        SyntaxColouring.Shared.Colour(hunk, SyntaxColouring.LanguageFor("x.zzz"))[0].ShouldBe([new CodeToken("return 1;", null)]);
    }

    [Fact]
    public void ConflictFiles_AreReadFromTheMergeQueuesReason()
    {
        ConflictReason.Files("conflicts with main in: README.md, src/a.cs").ShouldBe(["README.md", "src/a.cs"]);
        ConflictReason.Files("main kept moving while merging; approve again").ShouldBeEmpty();
    }
}
