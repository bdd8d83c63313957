using Shouldly;
using Xunit;

namespace Nightshift.ScriptedModel.Tests;

public sealed class ScriptFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Yaml_LoadsRulesThatTheServerPlays()
    {
        var yaml = """
            rules:
              - when: { request: 1 }
                once: true
                reply:
                  text: Reading.
                  toolCalls:
                    - name: read_file
                      arguments: { path: notes.txt, limit: 20 }
                  usage: { input: 10, output: 2 }
              - when: { lastToolResult: "hello", lastUser: "task" }
                reply: { text: "Done." }
            """;
        var script = ScriptFile.ParseYaml(yaml, "demo.yaml");

        script.Rules.Count.ShouldBe(2);
        script.Rules[0].Once.ShouldBeTrue();
        script.Rules[0].Reply.ToolCalls.Single().ArgumentsJson.ShouldBe("""{"path":"notes.txt","limit":20}""");
        script.Rules[0].Reply.Usage.ShouldBe(new ScriptedUsage(10, 2));
        script.Rules[1].When.Description.ShouldBe("last tool result contains \"hello\" and last user message contains \"task\"");

        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();
        await ChatRequests.CompleteAsync(http, server, ("user", "task"));
        var second = await ChatRequests.CompleteAsync(http, server, ("user", "task"), ("assistant", "reading"), ("tool", "hello"));
        second["choices"]![0]!["message"]!["content"]!.GetValue<string>().ShouldBe("Done.");
    }

    [Fact]
    public async Task Json_LoadsFromAFile()
    {
        using var dir = new Nightshift.Testing.TempDirectory("script");
        var path = dir.Combine("script.json");
        await File.WriteAllTextAsync(path, """{ "rules": [ { "reply": { "text": "hi", "delayMs": 5 } } ] }""", Ct);

        var script = await ScriptFile.LoadAsync(path, Ct);

        script.Rules.Single().When.ShouldBe(RequestMatch.Always);
        script.Rules.Single().Reply.Delay.ShouldBe(TimeSpan.FromMilliseconds(5));
    }

    [Theory]
    [InlineData("""{ "rules": [ { "reply": { "txt": "hi" } } ] }""", "rules[0].reply.txt: unknown key")]
    [InlineData("""{ "rules": [ { "when": { "request": "one" }, "reply": { "text": "hi" } } ] }""", "rules[0].when.request: expected int32")]
    [InlineData("""{ "rules": [ { "reply": { } } ] }""", "rules[0].reply: a reply needs text, toolCalls or both")]
    [InlineData("""{ "rules": [ { "reply": { "toolCalls": [ { "arguments": {} } ] } } ] }""", "rules[0].reply.toolCalls[0].name: a tool call needs a name")]
    [InlineData("""{ "steps": [] }""", "(root): expected an object with a \"rules\" list")]
    public void BadScript_IsRefusedNamingTheField(string json, string expected)
    {
        var error = Should.Throw<ScriptFormatException>(() => ScriptFile.ParseJson(json, "bad.json"));

        error.Message.ShouldStartWith("bad.json: ");
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void BadYaml_NamesTheLine()
    {
        var error = Should.Throw<ScriptFormatException>(() => ScriptFile.ParseYaml("rules:\n  - when: [unclosed\n", "bad.yaml"));

        error.Message.ShouldStartWith("bad.yaml: line ");
    }
}
