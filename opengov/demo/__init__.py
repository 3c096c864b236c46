"""The demo deployment: the UK's third National Action Plan and the people of the 10 November 2016
Open Government Network meeting, loaded through the services (`opengov load-demo`)."""
