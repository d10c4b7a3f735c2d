using DapPanel.Core.Domain;

namespace DapPanel.Core.LiveMeeting;

/// <summary>Checks on what people type or send, with messages for them.</summary>
public static class LiveInput
{
    public static string Text(string? value, int maxLength, string what)
    {
        var text = value?.Trim();
        if (PlainText.IsBlank(text))
            throw new DomainRuleException($"Enter the {what}.");
        if (text.Length > maxLength)
            throw new DomainRuleException($"The {what} is too long: {text.Length} characters, at most {maxLength}.");
        return text;
    }

    public static T Known<T>(T value, string what) where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new DomainRuleException($"That is not a known {what}.");
}
