"""The pages of consultations: public (`public`) and managing (`manage`)."""
