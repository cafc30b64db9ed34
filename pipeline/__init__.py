"""sop-pipeline: Indonesian SOP documents (PermenPAN-RB 35/2012) into tables and reports."""
