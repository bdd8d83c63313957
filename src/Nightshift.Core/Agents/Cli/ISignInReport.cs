namespace Nightshift.Core.Agents.Cli;

/// <summary>A CLI runtime that can tell how its CLI is signed in for the user's configuration, for <c>nightshift agents</c>.</summary>
public interface ISignInReport
{
    /// <summary>How runs sign in (e.g. "subscription login (~/.claude)"), or what to do when they cannot; never a secret's value.</summary>
    string SignIn();
}
