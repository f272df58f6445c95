package io.attune.domain.admission;
final class NeedsCounter { static int count; }
