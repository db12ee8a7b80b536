"""The dashboard's pages, declared in dashboard/app.py with st.navigation."""
