CREATE TABLE "score_checkpoints" (
	"version" integer NOT NULL,
	"seq" bigint NOT NULL,
	"state" "bytea" NOT NULL,
	"written_at" text NOT NULL,
	CONSTRAINT "score_checkpoints_version_seq_pk" PRIMARY KEY("version","seq")
);
