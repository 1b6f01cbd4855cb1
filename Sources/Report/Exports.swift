// The results schema (records, arms, JSON values) is Report's vocabulary: whoever imports Report reads it too.
@_exported import Results
