"""The pages of ideas: public.py for everyone, manage.py for the pages that change them."""
