using Routing.Core.Triage;

namespace Routing.Core.Tests.Triage;

public sealed class PhraseNormalizerTests
{
    [Theory]
    [InlineData("My CHEST... feels tight!!", " my chest feels tight ")]
    [InlineData("  chest\tfeels\n\ntight  ", " chest feels tight ")]
    [InlineData("can't breathe", " cant breathe ")]
    [InlineData("can\u2019t breathe", " cant breathe ")]
    [InlineData("light-headed", " light headed ")]
    [InlineData("temp 100.4F", " temp 100 4f ")]
    [InlineData("ÉPAULE", " épaule ")]
    public void Normalizes_case_punctuation_and_spacing(string text, string expected) =>
        Assert.Equal(expected, PhraseNormalizer.Normalize(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!...")]
    [InlineData(null)]
    public void Text_without_letters_or_digits_normalizes_to_nothing(string? text) =>
        Assert.Equal(string.Empty, PhraseNormalizer.Normalize(text));

    [Fact]
    public void Padding_makes_a_phrase_match_whole_words_only()
    {
        var phrase = PhraseNormalizer.Normalize("arm");
        Assert.DoesNotContain(phrase, PhraseNormalizer.Normalize("I don't want to harm anyone"), StringComparison.Ordinal);
        Assert.DoesNotContain(phrase, PhraseNormalizer.Normalize("armchair"), StringComparison.Ordinal);
        Assert.Contains(phrase, PhraseNormalizer.Normalize("my left ARM, it hurts"), StringComparison.Ordinal);
    }

    [Fact]
    public void Span_overload_matches_string_overload_and_refuses_a_short_buffer()
    {
        const string text = "Chest -- pain";
        var buffer = new char[PhraseNormalizer.MaxNormalizedLength(text.Length)];
        var length = PhraseNormalizer.Normalize(text, buffer);
        Assert.Equal(PhraseNormalizer.Normalize(text), new string(buffer, 0, length));
        Assert.Throws<ArgumentException>(() => PhraseNormalizer.Normalize(text, new char[text.Length]));
    }
}
