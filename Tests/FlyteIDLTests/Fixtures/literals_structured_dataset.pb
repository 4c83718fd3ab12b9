
;
dataset0
.B,
s3://bucket/frames/df.parquet
	parquet