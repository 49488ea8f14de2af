//! Reports: aggregation of activities, the drafted narrative, spreadsheets. Pure.
