namespace DapPanel.Core.Domain;

/// <summary>A form with one or more problems; each is worded for the person filling it in.</summary>
public class InvalidInputException(IReadOnlyList<string> problems)
    : UserFacingException(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    public static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0) throw new InvalidInputException(problems);
    }
}
