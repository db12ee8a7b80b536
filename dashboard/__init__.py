"""The China AI Regions dashboard (Streamlit): reads data/tidy/ and data/geo/ only."""
