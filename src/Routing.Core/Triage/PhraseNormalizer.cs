namespace Routing.Core.Triage;

/// <summary>
/// Puts the caller's words and the rule phrases into one comparable form, so a phrase matches regardless of
/// case and punctuation and only on whole words: lower-case (invariant), apostrophes dropped, every other
/// non-letter/digit turned into a space, runs of spaces collapsed, and one space added at each end.
/// "My CHEST... feels tight!!" becomes " my chest feels tight "; the phrase "chest feels tight" becomes
/// " chest feels tight ", a plain substring of it; the phrase " arm " is not a substring of " harm ".
/// </summary>
/// <remarks>
/// Apostrophes are dropped rather than spaced because speech-to-text and hurried typing often omit them:
/// "can't breathe", "can’t breathe" and "cant breathe" must all match the same phrase.
/// </remarks>
internal static class PhraseNormalizer
{
    /// <summary>Upper bound of the normalized length of a text of <paramref name="textLength"/> characters.</summary>
    public static int MaxNormalizedLength(int textLength) => textLength + 2;

    /// <summary>Normalizes to a new string; empty when the text has no letter or digit.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var buffer = new char[MaxNormalizedLength(text.Length)];
        var length = Normalize(text, buffer);
        return new string(buffer, 0, length);
    }

    /// <summary>
    /// Normalizes into <paramref name="destination"/> without allocating (the per-call path) and returns the
    /// length written, 0 when the text has no letter or digit. The destination must hold
    /// <see cref="MaxNormalizedLength"/> characters.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> destination)
    {
        if (destination.Length < MaxNormalizedLength(text.Length))
        {
            throw new ArgumentException("Destination is too short for the normalized text.", nameof(destination));
        }

        var length = 0;
        destination[length++] = ' ';
        var lastWasSpace = true;
        foreach (var c in text)
        {
            if (IsApostrophe(c))
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                destination[length++] = char.ToLowerInvariant(c);
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                destination[length++] = ' ';
                lastWasSpace = true;
            }
        }

        if (length == 1)
        {
            return 0;
        }

        if (!lastWasSpace)
        {
            destination[length++] = ' ';
        }

        return length;
    }

    // ASCII apostrophe, typographic right/left single quotes and the modifier letter apostrophe.
    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC';
}
