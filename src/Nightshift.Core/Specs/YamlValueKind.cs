namespace Nightshift.Core.Specs;

/// <summary>The three shapes a YAML node can take.</summary>
internal enum YamlValueKind
{
    Scalar = 0,
    Sequence = 1,
    Mapping = 2,
}
