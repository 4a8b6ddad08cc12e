package io.jenkins.plugins.mlops.core.data;

/** The formats a dataset may come in (each optionally gzip-compressed). */
public enum DataFormat {
    CSV,
    JSONL,
    /** Apache Parquet: typed columns, read with parquet-hadoop (see {@link ParquetFiles}). */
    PARQUET
}
