"""Views of meetings: public pages in public.py, managing pages in manage.py."""
