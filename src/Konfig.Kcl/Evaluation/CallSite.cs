using System.Collections.Immutable;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Evaluation;

/// <summary>Where a call is written: its span and the spans of its arguments, for argument-count errors.</summary>
internal sealed record CallSite(TextSpan Span, ImmutableArray<TextSpan> Arguments, ImmutableArray<(string Name, TextSpan Span)> Keywords);
