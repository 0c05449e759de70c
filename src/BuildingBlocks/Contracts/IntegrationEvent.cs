namespace Brigade.Contracts;
