using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace DapPanel.Core.Domain;

/// <summary>
/// What may be stored of what people type: control characters, direction overrides and invisible spaces are dropped
/// (they can hide or reorder what others read, and PostgreSQL refuses a NUL), and text with nothing visible is blank.
/// </summary>
public static class PlainText
{
    public static bool IsBlank([NotNullWhen(false)] string? value) =>
        value is null || value.All(c => char.IsWhiteSpace(c) || IsInvisible(c) || char.IsControl(c));

    public static string? Clean(string? value)
    {
        if (value is null || !value.Any(NeedsCleaning)) return value;
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
                continue;
            }
            if (!NeedsCleaning(c)) text.Append(c);
        }
        return text.ToString();
    }

    static bool NeedsCleaning(char c) =>
        (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
        || char.IsSurrogate(c) // a lone half of a pair; whole pairs are kept by Clean
        || IsDirectionControl(c)
        || c is '\u200B' or '\u2060' or '\uFEFF';

    /// <summary>Embeddings, overrides and isolates: they let text display in an order other than it is stored.</summary>
    static bool IsDirectionControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    static bool IsInvisible(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
