namespace Brigade.Security;
